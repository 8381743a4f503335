// Bundled CommonJS dependencies call require(); an ESM bundle has none, so each gets this one.
export const ESM_REQUIRE_BANNER = {
  js: "import { createRequire as __ferryRequire } from 'node:module'; const require = __ferryRequire(import.meta.url);",
};
