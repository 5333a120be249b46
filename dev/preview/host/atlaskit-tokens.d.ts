// The host imports these from the @atlaskit/tokens the Atlaskit components use (see build.ts); the
// top-level copy TypeScript sees is older and lacks some of their declarations.
declare module '@atlaskit/tokens/dist/esm/artifacts/themes/*' {
  const css: string;
  export default css;
}

declare module '@atlaskit/tokens/get-theme-html-attrs' {
  const getThemeHtmlAttrs: (state?: Record<string, string>) => Record<string, string>;
  export default getThemeHtmlAttrs;
}
