/**
 * The few line icons the desk needs, drawn on a 24 × 24 grid with a 2 px stroke, so no
 * icon font or library is loaded. Each is a list of SVG path data.
 */
const circle = (cx: number, cy: number, r: number) =>
  `M${cx + r} ${cy}a${r} ${r} 0 1 1-${2 * r} 0 ${r} ${r} 0 0 1 ${2 * r} 0`;

export const iconPaths = {
  home: ['M3 10.5 12 3l9 7.5', 'M5 9v12h14V9', 'M10 21v-6h4v6'],
  tickets: [
    'M9 3h6v3H9z',
    'M9 4.5H6a1 1 0 0 0-1 1V20a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1V5.5a1 1 0 0 0-1-1h-3',
    'M9 11h6M9 15h4'
  ],
  households: [
    circle(9, 8, 3),
    'M3 20c0-3.3 2.7-6 6-6s6 2.7 6 6',
    'M16 5a3 3 0 0 1 0 6',
    'M18 14c2 .7 3 2.9 3 6'
  ],
  units: [
    'M4 21V4a1 1 0 0 1 1-1h9a1 1 0 0 1 1 1v17',
    'M15 9h4a1 1 0 0 1 1 1v11',
    'M2 21h20',
    'M8 7h3M8 11h3M8 15h3'
  ],
  visits: ['M12 21s-7-6.2-7-11a7 7 0 0 1 14 0c0 4.8-7 11-7 11z', circle(12, 10, 2.5)],
  notices: ['M3 10v4a1 1 0 0 0 1 1h3l8 5V4L7 9H4a1 1 0 0 0-1 1z', 'M19 9a4 4 0 0 1 0 6'],
  surveys: [
    'm4 6 1.5 1.5L8 5',
    'm4 12 1.5 1.5L8 11',
    'm4 18 1.5 1.5L8 17',
    'M11 6h9M11 12h9M11 18h9'
  ],
  handover: ['M4 8h15l-3-3', 'M20 16H5l3 3'],
  lifecycle: [circle(8, 16, 4), 'm11 13 9-9', 'm17 7 3 3', 'm14.5 9.5 2 2'],
  fees: [circle(12, 12, 9), 'm9 7 3 4 3-4', 'M12 11v6', 'M9 12h6M9 15h6'],
  reports: ['M4 20h16', 'M7 16v-5', 'M12 16V6', 'M17 16V9'],
  plan: ['M4 6h16v14H4z', 'M4 10h16', 'M8 3v5M16 3v5'],
  settings: [
    circle(12, 12, 3),
    'M12 2v3M12 19v3M4.9 4.9 7 7M17 17l2.1 2.1M2 12h3M19 12h3M4.9 19.1 7 17M17 7l2.1-2.1'
  ],
  lock: ['M5 11h14v10H5z', 'M8 11V7a4 4 0 0 1 8 0v4'],
  switchUser: [circle(10, 8, 4), 'M3 21c0-3.9 3.1-7 7-7', 'M15 16h6l-2-2', 'M21 20h-6l2 2'],
  language: [
    circle(12, 12, 9),
    'M3 12h18',
    'M12 3c2.5 2.5 3.5 5.5 3.5 9s-1 6.5-3.5 9c-2.5-2.5-3.5-5.5-3.5-9S9.5 5.5 12 3z'
  ],
  menu: ['M4 6h16M4 12h16M4 18h16'],
  close: ['M6 6l12 12M18 6 6 18'],
  back: ['m15 5-7 7 7 7'],
  calendar: [
    'M4 6a1 1 0 0 1 1-1h14a1 1 0 0 1 1 1v14a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1z',
    'M4 10h16',
    'M8 3v4M16 3v4',
    'M8 14h2M14 14h2M8 17h2'
  ],
  plus: ['M12 5v14M5 12h14'],
  search: [circle(11, 11, 6), 'm20 20-4.5-4.5'],
  check: ['m5 12.5 4.5 4.5L19 7'],
  alert: [circle(12, 12, 9), 'M12 7.5v5.5M12 16.5v.5'],
  info: [circle(12, 12, 9), 'M12 11v6M12 7.5v.5'],
  backspace: ['M9 5h11a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H9l-6-7z', 'm12 9.5 5 5M17 9.5l-5 5'],
  inbox: ['M3 13h5l1.5 3h5l1.5-3h5', 'M5 5h14l2 8v6a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1v-6z']
} satisfies Record<string, string[]>;

export type IconName = keyof typeof iconPaths;
