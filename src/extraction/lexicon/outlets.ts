import type { ChannelHost, KnownOutlet } from './types.ts';
import { newsOutlets } from './news-outlets.ts';

// Outlet names cross scripts (an Arabic article credits "Sputnik" in Latin and
// cites "رويترز" in Arabic), so one shared table serves every language. The
// names themselves live in the gazetteer (news-outlets.ts); this is its flat view.

export const knownOutlets: KnownOutlet[] = newsOutlets.map((o) => ({
  name: o.name,
  kind: o.kind,
  aliases: [o.name, ...(o.latin ?? []), ...(o.fr ?? []), ...(o.ar ?? [])],
  needsKeyword: o.ambiguous,
  photoAgency: o.photoAgency,
}));

export const channelHosts: ChannelHost[] = [
  { host: 'telegram.me', kind: 'channel' },
  { host: 't.me', kind: 'channel' },
  { host: 'whatsapp.com', kind: 'channel' },
  { host: 'youtube.com', kind: 'channel' },
  { host: 'twitter.com', kind: 'channel' },
  { host: 'x.com', kind: 'channel' },
  { host: 'facebook.com', kind: 'channel' },
  { host: 'instagram.com', kind: 'channel' },
];
