// Build-time constants set by wxt.config.ts (Vite `define`); undefined under vitest.
interface ImportMetaEnv {
  /** True in the end-to-end build only (ATT_E2E=1, scripts/build-e2e.ts); code behind it is dropped from the production build. */
  readonly ATT_E2E?: boolean;
}
