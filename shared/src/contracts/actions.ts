// Contracts of the actions module (zod schemas for requests and responses).
export {};
