/** The few glyphs the panel draws, as inline SVG in the text colour (DevTools-sized, 16 px box). */
const PATHS = {
  clear:
    'M8 2a6 6 0 1 0 0 12A6 6 0 0 0 8 2Zm0 1.5c1 0 2 .34 2.75.9l-6.35 6.35A4.5 4.5 0 0 1 8 3.5Zm0 9c-1 0-2-.34-2.75-.9l6.35-6.35A4.5 4.5 0 0 1 8 12.5Z',
  close: 'M4.3 3.2 8 6.9l3.7-3.7 1.1 1.1L9.1 8l3.7 3.7-1.1 1.1L8 9.1l-3.7 3.7-1.1-1.1L6.9 8 3.2 4.3z',
  pass: 'M6.4 11.6 2.8 8l1.1-1.1 2.5 2.5 5.7-5.7 1.1 1.1z',
  fail: 'M4.3 3.2 8 6.9l3.7-3.7 1.1 1.1L9.1 8l3.7 3.7-1.1 1.1L8 9.1l-3.7 3.7-1.1-1.1L6.9 8 3.2 4.3z',
  skip: 'M4 7.25h8v1.5H4z',
  info: 'M8 2a6 6 0 1 0 0 12A6 6 0 0 0 8 2Zm.75 9h-1.5V7h1.5v4Zm0-5.25h-1.5v-1.5h1.5v1.5Z',
  warning: 'M8 2 1.5 13.5h13L8 2Zm.75 9.5h-1.5V10h1.5v1.5Zm0-2.5h-1.5V6h1.5v3Z',
  error: 'M8 2a6 6 0 1 0 0 12A6 6 0 0 0 8 2Zm.75 9h-1.5V9.5h1.5V11Zm0-3h-1.5V5h1.5v3Z',
  arrowUp: 'M8 5 12 10H4z',
  arrowDown: 'M8 11 4 6h8z',
  dropdown: 'M4.5 6.5h7L8 10z',
  download: 'M7.25 2h1.5v6.4l2.2-2.2 1.05 1.05L8 11.25 3.999 7.25 5.05 6.2l2.2 2.2zM3 12.5h10V14H3z',
  upload: 'M7.25 14h1.5V7.6l2.2 2.2 1.05-1.05L8 4.75 3.999 8.75 5.05 9.8l2.2-2.2zM3 2h10v1.5H3z',
  copy: 'M5 2h7a1 1 0 0 1 1 1v8h-1.5V3.5H5zM3 5h6.5a1 1 0 0 1 1 1v7.5a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1Zm.5 1.5v6.5H9V6.5z',
  reload: 'M8 3a5 5 0 0 1 4.33 2.5H10v1.5h4.5V2.5H13v1.73A6.5 6.5 0 1 0 14.5 8H13A5 5 0 1 1 8 3z',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, class: className }: { name: IconName; class?: string }) {
  return (
    <svg
      class={`icon ${className ?? ''}`}
      width="16"
      height="16"
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} fill="currentColor" />
    </svg>
  );
}
