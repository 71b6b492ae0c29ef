// Generated from manifest.yml by scripts/sync-forge-egress.mjs; do not edit.
// Run `npm run forge:egress` after changing permissions.external.fetch.backend.

export const MANIFEST_EGRESS: readonly string[] = ["*.atlassian.net"];
