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
  // DevTools' red ⊗ on a failed request's row.
  blocked:
    'M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13ZM5.55 4.75 8 7.2l2.45-2.45.8.8L8.8 8l2.45 2.45-.8.8L8 8.8l-2.45 2.45-.8-.8L7.2 8 4.75 5.55Z',
  pending: 'M8 3a5 5 0 1 0 0 10A5 5 0 0 0 8 3Zm0 1.2a3.8 3.8 0 1 1 0 7.6 3.8 3.8 0 0 1 0-7.6Z',
  // Request types, after DevTools' Network row icons.
  fetch: 'M3.5 1.5h6l3 3v10h-9ZM4.5 2.5v11h7V5H9V2.5ZM6 7h4v1H6Zm0 2h4v1H6Zm0 2h3v1H6Z',
  script:
    'M3.5 1.5h6l3 3v10h-9ZM4.5 2.5v11h7V5H9V2.5ZM6.6 7.4l.7.7-1.4 1.4 1.4 1.4-.7.7-2.1-2.1Zm2.8 0 2.1 2.1-2.1 2.1-.7-.7 1.4-1.4-1.4-1.4Z',
  image: 'M2.5 3.5h11v9h-11ZM3.5 4.5v7h9v-7ZM4.5 10.5l2.5-3 2 2.2 1.5-1.7 1.5 2.5Z',
  document: 'M3.5 1.5h6l3 3v10h-9ZM4.5 2.5v11h7V5H9V2.5Z',
  columns: 'M2 3h12v10H2ZM3.5 4.5v7H6v-7Zm3.5 0v7h2v-7Zm3 0v7h2.5v-7Z',
  // The preflight folded into a row: a request answered before the request.
  preflight: 'M4.5 3.5 1.5 6l3 2.5V6.75h8v-1.5h-8ZM11.5 7.5l3 2.5-3 2.5v-1.75h-8v-1.5h8Z',
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
      {/* evenodd: a subpath inside another cuts a hole (the ⊗'s cross, a document's outline). */}
      <path d={PATHS[name]} fill="currentColor" fill-rule="evenodd" />
    </svg>
  );
}
