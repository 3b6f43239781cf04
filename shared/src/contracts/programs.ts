// Contracts of the programs module (zod schemas for requests and responses).
export {};
