// The FIT-Connect settings are part of the one validated configuration (platform/config-fit-connect.ts).
export { type FitConnectConfig, fitConnectConfigSchema } from '../../../../platform/config-fit-connect.js';
