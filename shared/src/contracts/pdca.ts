// Contracts of the pdca module (zod schemas for requests and responses).
export {};
