/// <reference types="vite/client" />
// Types of the build-time modules (vite.config.ts). They are written as import() types: an
// `import` statement inside `declare module` may not name a relative path, and the checker,
// which skips .d.ts files (skipLibCheck), would silently make the type `any`.
declare module 'virtual:explorer-controls' {
  const controls: import('../src/explorer/controls.js').Controls & { leverSettings: { budget: string; start: string } };
  export default controls;
}
declare module 'virtual:explorer-scenarios' {
  const scenarios: import('../src/explorer/catalog.js').CatalogEntry[];
  export default scenarios;
}
