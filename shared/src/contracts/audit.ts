// Contracts of the audit module (zod schemas for requests and responses).
export {};
