import type { ChannelHost } from './types.ts';

// Hosts whose links make an outlet a distribution channel ("https://t.me/NAME").
// News outlets themselves live in the gazetteer (news-outlets.ts).

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
