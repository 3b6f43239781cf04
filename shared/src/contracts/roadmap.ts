// Contracts of the roadmap module (zod schemas for requests and responses).
export {};
