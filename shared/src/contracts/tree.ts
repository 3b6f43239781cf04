// Contracts of the tree module (zod schemas for requests and responses).
export {};
