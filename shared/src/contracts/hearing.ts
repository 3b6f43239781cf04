// Contracts of the hearing module (zod schemas for requests and responses).
export {};
