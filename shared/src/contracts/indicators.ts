// Contracts of the indicators module (zod schemas for requests and responses).
export {};
