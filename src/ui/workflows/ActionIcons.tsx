/** The workflow list's action icons, drawn as SVG: emoji glyphs show as empty boxes where no emoji font is installed. */
const iconProps = { viewBox: '0 0 16 16', width: 14, height: 14, 'aria-hidden': true, fill: 'none', stroke: 'currentColor', strokeWidth: 1.5 } as const;

export const RenameIcon = () => (
  <svg {...iconProps} strokeLinejoin="round">
    <path d="M10.5 2.5l3 3L6 13H3v-3z" />
    <path d="M9 4l3 3" />
  </svg>
);

export const DuplicateIcon = () => (
  <svg {...iconProps}>
    <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
    <path d="M10.5 3V2.5A1 1 0 009.5 1.5h-7a1 1 0 00-1 1v7a1 1 0 001 1H3" />
  </svg>
);

export const DeleteIcon = () => (
  <svg {...iconProps} strokeLinecap="round">
    <path d="M2.5 4h11M6 4V2.5h4V4M4 4l.7 9.5h6.6L12 4M6.8 6.5v4.5M9.2 6.5v4.5" />
  </svg>
);
