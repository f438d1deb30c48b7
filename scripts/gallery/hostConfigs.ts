/**
 * Teams-like host configs for the card gallery: light, dark and high contrast.
 *
 * Light and dark follow the values Microsoft publishes for Teams in the Adaptive Cards repository
 * (samples/HostConfig/microsoft-teams-light.json and -dark.json): Segoe UI, 12/14/14/18/24 px,
 * weights 200/400/600, spacing 8/12/16/20/24 with 16 px padding, at most 6 actions, the Teams
 * purple accent (#6264a7; #a6a7dc on dark) and the same good/warning/attention colours.
 * There is no published high-contrast file; that one uses the Teams high-contrast palette
 * (black, white, #ffff01 for links and accents, #3ff23f for good, #1aebff for emphasis).
 *
 * Plain JSON (no imports), so the browser bundle and Node share it.
 */

export const THEMES = ['light', 'dark', 'contrast'] as const;
export type Theme = (typeof THEMES)[number];

/** Labels shown in the gallery. */
export const THEME_LABEL: Record<Theme, string> = { light: 'ljust · light', dark: 'mörkt · dark', contrast: 'hög kontrast · high contrast' };

interface Palette {
  /** The page around the card (Teams' chat background) and the card's border. */
  page: string;
  border: string;
  text: string;
  subtle: string;
  accent: string;
  accentSubtle: string;
  good: string;
  warning: string;
  attention: string;
  dark: string;
  light: string;
  /** Container backgrounds by style. */
  backgrounds: { default: string; emphasis: string; accent: string; good: string; attention: string; warning: string };
  /** Text on the coloured (accent, good, attention, warning) container backgrounds. */
  onColoured: string;
  separator: string;
  /** Buttons, inputs (CSS only; the host config has no colours for them). */
  button: { bg: string; fg: string; border: string; primaryBg: string; primaryFg: string; destructiveFg: string };
  input: { bg: string; fg: string; border: string; placeholder: string };
}

const PALETTES: Record<Theme, Palette> = {
  light: {
    page: '#f5f5f5',
    border: '#e1dfdd',
    text: '#252424',
    subtle: '#bf252424',
    accent: '#6264a7',
    accentSubtle: '#8b8cc7',
    good: '#237b4b',
    warning: '#835c00',
    attention: '#c4314b',
    dark: '#252424',
    light: '#ffffff',
    backgrounds: { default: '#ffffff', emphasis: '#f9f8f7', accent: '#c7def9', good: '#ccffcc', attention: '#ffc5b2', warning: '#ffe2b2' },
    onColoured: '#252424',
    separator: '#eeeeee',
    button: { bg: '#ffffff', fg: '#252424', border: '#e1dfdd', primaryBg: '#6264a7', primaryFg: '#ffffff', destructiveFg: '#c4314b' },
    input: { bg: '#f3f2f1', fg: '#252424', border: '#f3f2f1', placeholder: '#605e5c' },
  },
  dark: {
    page: '#1f1f1f',
    border: '#3b3a39',
    text: '#ffffff',
    subtle: '#bfffffff',
    accent: '#a6a7dc',
    accentSubtle: '#8b8cc7',
    good: '#92c353',
    warning: '#f8d22a',
    attention: '#d74654',
    dark: '#201f1f',
    light: '#ffffff',
    backgrounds: { default: '#2d2c2c', emphasis: '#292828', accent: '#c7def9', good: '#ccffcc', attention: '#ffc5b2', warning: '#ffe2b2' },
    onColoured: '#201f1f',
    separator: '#3b3a39',
    button: { bg: '#2d2c2c', fg: '#ffffff', border: '#605e5c', primaryBg: '#6264a7', primaryFg: '#ffffff', destructiveFg: '#d74654' },
    input: { bg: '#201f1f', fg: '#ffffff', border: '#201f1f', placeholder: '#c8c6c4' },
  },
  contrast: {
    page: '#000000',
    border: '#ffffff',
    text: '#ffffff',
    subtle: '#ffffff',
    accent: '#ffff01',
    accentSubtle: '#ffff01',
    good: '#3ff23f',
    warning: '#ffff01',
    attention: '#ff6b6b',
    dark: '#ffffff',
    light: '#ffffff',
    backgrounds: { default: '#000000', emphasis: '#000000', accent: '#000000', good: '#000000', attention: '#000000', warning: '#000000' },
    onColoured: '#ffffff',
    separator: '#ffffff',
    button: { bg: '#000000', fg: '#ffffff', border: '#ffffff', primaryBg: '#1aebff', primaryFg: '#000000', destructiveFg: '#ff6b6b' },
    input: { bg: '#000000', fg: '#ffffff', border: '#ffffff', placeholder: '#ffffff' },
  },
};

/** Segoe UI as in Teams; where it is missing (Linux CI), Arial's metrics (Liberation Sans) are the nearest. */
const FONT = "'Segoe UI', 'Segoe UI Web (West European)', -apple-system, BlinkMacSystemFont, Roboto, 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif";
const FONT_SIZES = { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 };
const FONT_WEIGHTS = { lighter: 200, default: 400, bolder: 600 };

function foreground(p: Palette, onColoured: boolean) {
  const text = onColoured ? p.onColoured : p.text;
  const pair = (c: string, subtle?: string) => ({ default: c, subtle: subtle ?? c });
  return {
    default: pair(text, onColoured ? text : p.subtle),
    dark: pair(p.dark),
    light: pair(p.light),
    accent: pair(onColoured && p.backgrounds.accent !== p.backgrounds.default ? '#33344a' : p.accent, onColoured && p.backgrounds.accent !== p.backgrounds.default ? '#33344a' : p.accentSubtle),
    good: pair(onColoured && p.backgrounds.good !== p.backgrounds.default ? '#0b6a0b' : p.good),
    warning: pair(onColoured && p.backgrounds.warning !== p.backgrounds.default ? '#6b4a00' : p.warning),
    attention: pair(onColoured && p.backgrounds.attention !== p.backgrounds.default ? '#a4262c' : p.attention),
  };
}

/** The host config (as JSON) for a theme. */
export function hostConfig(theme: Theme): Record<string, unknown> {
  const p = PALETTES[theme];
  const style = (bg: string, coloured: boolean) => ({ backgroundColor: bg, foregroundColors: foreground(p, coloured) });
  return {
    choiceSetInputValueSeparator: ',',
    supportsInteractivity: true,
    fontTypes: {
      default: { fontFamily: FONT, fontSizes: FONT_SIZES, fontWeights: FONT_WEIGHTS },
      monospace: { fontFamily: "'Courier New', Courier, monospace", fontSizes: FONT_SIZES, fontWeights: FONT_WEIGHTS },
    },
    spacing: { small: 8, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
    separator: { lineThickness: 1, lineColor: p.separator },
    imageSizes: { small: 32, medium: 52, large: 100 },
    containerStyles: {
      default: style(p.backgrounds.default, false),
      emphasis: style(p.backgrounds.emphasis, false),
      accent: style(p.backgrounds.accent, theme !== 'contrast'),
      good: style(p.backgrounds.good, theme !== 'contrast'),
      attention: style(p.backgrounds.attention, theme !== 'contrast'),
      warning: style(p.backgrounds.warning, theme !== 'contrast'),
    },
    actions: {
      maxActions: 6,
      spacing: 'default',
      buttonSpacing: 8,
      showCard: { actionMode: 'inline', inlineTopMargin: 16, style: 'emphasis' },
      preExpandSingleShowCardAction: false,
      actionsOrientation: 'horizontal',
      actionAlignment: 'left',
      // Teams cuts long button titles off with an ellipsis rather than wrapping them.
      allowTitleToWrap: false,
    },
    adaptiveCard: { allowCustomStyle: false },
    imageSet: { imageSize: 'medium', maxImageHeight: 100 },
    factSet: {
      title: { size: 'default', color: 'default', isSubtle: false, weight: 'bolder', wrap: true, maxWidth: 150 },
      value: { size: 'default', color: 'default', isSubtle: false, weight: 'default', wrap: true },
      spacing: 16,
    },
    textBlock: { headingLevel: 2 },
    inputs: {
      label: {
        inputSpacing: 'small',
        requiredInputs: { weight: 'bolder', suffix: ' *', suffixColor: 'attention' },
        optionalInputs: { weight: 'bolder' },
      },
      errorMessage: { size: 'small', spacing: 'small', weight: 'default' },
    },
  };
}

/** Teams-like CSS for what the host config does not cover: buttons, inputs, links, the card frame. */
export function themeCss(theme: Theme, scope: string): string {
  const p = PALETTES[theme];
  return `
${scope} { background: ${p.page}; color: ${p.text}; }
${scope} .card-frame { background: ${p.backgrounds.default}; border: 1px solid ${p.border}; border-radius: 4px; }
${scope} .ac-pushButton { font-family: ${FONT}; font-size: 14px; font-weight: 600; min-height: 32px; padding: 4px 16px; border-radius: 4px;
  background: ${p.button.bg}; color: ${p.button.fg}; border: 1px solid ${p.button.border}; display: flex; align-items: center; justify-content: center; }
${scope} .ac-pushButton.style-positive { background: ${p.button.primaryBg}; color: ${p.button.primaryFg}; border-color: ${p.button.primaryBg}; }
${scope} .ac-pushButton.style-destructive { color: ${p.button.destructiveFg}; }
${scope} .ac-input { font-family: ${FONT}; font-size: 14px; background: ${p.input.bg}; color: ${p.input.fg}; border: 1px solid ${p.input.border}; border-radius: 4px; }
${scope} input.ac-input, ${scope} select.ac-input { min-height: 32px; padding: 0 8px; box-sizing: border-box; }
${scope} textarea.ac-input { padding: 6px 8px; box-sizing: border-box; }
${scope} .ac-input::placeholder { color: ${p.input.placeholder}; }
${scope} .ac-input-validation-failed { border-color: ${p.attention}; }
${scope} a.ac-anchor, ${scope} a.ac-anchor:link, ${scope} a.ac-anchor:visited { color: ${p.accent}; }
${scope} .ac-toggleInput, ${scope} .ac-choiceSetInput-expanded, ${scope} .ac-choiceSetInput-multiSelect { background: transparent; border: 0; }
`;
}
