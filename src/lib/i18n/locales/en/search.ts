import type { Messages } from '../../types';

export default {
  'search.label': 'Search residents or units',
  'search.placeholder': 'Name / pinyin / last 4 digits / 3-2-1201',
  'search.results': 'Search results',
  'search.none': 'Nothing found',
  'search.preparing': 'Preparing search…',
  'search.kind.unit': 'Unit',
  'search.kind.company': 'Company',
  'search.matched.name': 'name',
  'search.matched.initials': 'pinyin initials',
  'search.matched.pinyin': 'pinyin',
  'search.matched.phone': 'phone',
  'search.matched.unit': 'unit',
  'search.matched.room': 'room',
  'search.matched.tag': 'tag'
} satisfies Messages;
