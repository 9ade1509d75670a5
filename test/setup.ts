// Shared test set-up. jsdom is opted into per file with `// @vitest-environment jsdom`.
export {};
