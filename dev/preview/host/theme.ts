/**
 * Atlaskit's light theme, as Jira applies it: the token themes' CSS custom properties on the root and
 * the html attributes that select them. (The build resolves every @atlaskit/tokens import of the host
 * to the one version the Atlaskit components use.)
 */
import getThemeHtmlAttrs from '@atlaskit/tokens/get-theme-html-attrs';
import light from '@atlaskit/tokens/dist/esm/artifacts/themes/atlassian-light';
import shape from '@atlaskit/tokens/dist/esm/artifacts/themes/atlassian-shape';
import spacing from '@atlaskit/tokens/dist/esm/artifacts/themes/atlassian-spacing';
import typography from '@atlaskit/tokens/dist/esm/artifacts/themes/atlassian-typography';

export function applyLightTheme(): void {
  const attrs = getThemeHtmlAttrs({
    colorMode: 'light',
    light: 'light',
    spacing: 'spacing',
    typography: 'typography',
  });
  for (const [name, value] of Object.entries(attrs)) document.documentElement.setAttribute(name, value);
  for (const [id, css] of Object.entries({ light, shape, spacing, typography })) {
    const style = document.createElement('style');
    style.dataset.theme = id;
    style.textContent = css;
    document.head.appendChild(style);
  }
}
