// oidc-provider ships no types; the local OIDC provider of the tests uses a small part of it.
declare module 'oidc-provider' {
  // biome-ignore lint/suspicious/noExplicitAny: an untyped library, used by the tests' stand-in only
  const Provider: new (issuer: string, configuration: Record<string, unknown>) => any;
  export default Provider;
}
