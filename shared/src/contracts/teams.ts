// Contracts of the teams module (zod schemas for requests and responses).
export {};
