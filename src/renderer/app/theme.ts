/* The design system: Chakra's defaults plus the few app-wide rules: the page never scrolls
 * (screens scroll inside), one visible focus ring, and the colours plain (non-Chakra)
 * elements use in the table rows, for light and dark mode. Orange is reserved for staging. */
import { createSystem, defaultConfig, defineConfig } from '@chakra-ui/react';

/* Chakra's default solid buttons and error text are a little under WCAG AA contrast (e.g.
 * white on blue.600 is 4.3:1, red.500 text 3.8:1); one shade darker passes, in both modes. */
const solid = (palette: string) => ({ solid: { value: { _light: `{colors.${palette}.700}`, _dark: `{colors.${palette}.700}` } } });

const config = defineConfig({
  theme: {
    // Orange means staging routing and nothing else: warnings are yellow.
    slotRecipes: { alert: { slots: defaultConfig.theme?.slotRecipes?.alert?.slots ?? [], variants: { status: { warning: { root: { colorPalette: 'yellow' } } } } } },
    semanticTokens: {
      colors: {
        fg: { error: { value: { _light: '{colors.red.700}', _dark: '{colors.red.300}' } } },
        blue: solid('blue'),
        red: solid('red'),
        green: solid('green'),
        purple: solid('purple'),
        // Orange (staging) keeps its colour and gets dark text instead.
        orange: { contrast: { value: { _light: '{colors.gray.950}', _dark: '{colors.gray.950}' } } },
      },
    },
  },
  globalCss: {
    ':root': {
      '--evo-staging-bg': '#fa8c16',
      '--evo-staging-fg': '#1a1a1a',
      '--evo-row-active': 'rgba(49,130,206,0.12)',
      '--evo-row-selected': 'rgba(49,130,206,0.22)',
      '--evo-row-border': 'rgba(128,128,128,0.22)',
      '--evo-focus': '#2b6cb0',
    },
    '.dark': {
      '--evo-row-active': 'rgba(99,179,237,0.16)',
      '--evo-row-selected': 'rgba(99,179,237,0.28)',
      '--evo-focus': '#90cdf4',
    },
    'html, body, #root': { height: '100%', margin: 0, overflow: 'hidden' },
    // One focus indicator for everything reached by keyboard; programmatic focus targets
    // (headings given tabIndex -1 to move focus to a screen) show none.
    ':focus-visible': { outline: '2px solid var(--evo-focus)', outlineOffset: '2px' },
    '[tabindex="-1"]:focus:not(:focus-visible)': { outline: 'none' },
  },
});

export const system = createSystem(defaultConfig, config);
