import type { ChannelHost, KnownOutlet } from './types.ts';

// Outlet names cross scripts (an Arabic article credits "Sputnik" in Latin and
// cites "رويترز" in Arabic), so one shared table serves every language.

export const knownOutlets: KnownOutlet[] = [
  { name: 'Sputnik', kind: 'agency', aliases: ['Sputnik', 'سبوتنيك', 'Спутник'], photoAgency: true },
  { name: 'RIA Novosti', kind: 'agency', aliases: ['RIA Novosti', 'ريا نوفوستي', 'RIA'], photoAgency: true },
  { name: 'TASS', kind: 'agency', aliases: ['TASS', 'تاس', 'إيتار تاس'], photoAgency: true },
  { name: 'Reuters', kind: 'agency', aliases: ['Reuters', 'رويترز'], photoAgency: true },
  { name: 'AFP', kind: 'agency', aliases: ['AFP', 'Agence France-Presse', 'Agence France Presse', 'فرانس برس', 'أ ف ب', 'الوكالة الفرنسية', 'وكالة الأنباء الفرنسية'], photoAgency: true },
  { name: 'AP', kind: 'agency', aliases: ['AP', 'Associated Press', 'The Associated Press', 'أسوشيتد برس', 'أسوشييتد برس'], photoAgency: true },
  { name: 'Getty Images', kind: 'agency', aliases: ['Getty Images', 'Getty', 'غيتي'], photoAgency: true },
  { name: 'EPA', kind: 'agency', aliases: ['EPA', 'EPA-EFE'], photoAgency: true },
  { name: 'Anadolu', kind: 'agency', aliases: ['Anadolu', 'Anadolu Agency', 'الأناضول'], photoAgency: true },
  { name: 'Xinhua', kind: 'agency', aliases: ['Xinhua', 'شينخوا'], photoAgency: true },
  { name: 'SANA', kind: 'agency', aliases: ['SANA', 'سانا'] },
  { name: 'WAFA', kind: 'agency', aliases: ['WAFA', 'وفا'], needsKeyword: true },
  { name: 'MENA', kind: 'agency', aliases: ['MENA', 'وكالة أنباء الشرق الأوسط'] },
  { name: 'QNA', kind: 'agency', aliases: ['QNA', 'قنا'], needsKeyword: true },
  { name: 'Al Jazeera', kind: 'broadcaster', aliases: ['Al Jazeera', 'الجزيرة'], needsKeyword: true },
  { name: 'Al Arabiya', kind: 'broadcaster', aliases: ['Al Arabiya', 'العربية'], needsKeyword: true },
  { name: 'BBC', kind: 'broadcaster', aliases: ['BBC', 'بي بي سي'] },
  { name: 'CNN', kind: 'broadcaster', aliases: ['CNN', 'سي إن إن'] },
  { name: 'France 24', kind: 'broadcaster', aliases: ['France 24', 'فرانس 24'] },
  { name: 'RFI', kind: 'broadcaster', aliases: ['RFI', 'Radio France Internationale', 'مونت كارلو الدولية'] },
  { name: 'RT', kind: 'broadcaster', aliases: ['RT', 'روسيا اليوم'] },
  { name: 'BFMTV', kind: 'broadcaster', aliases: ['BFMTV', 'BFM TV'] },
  { name: 'NPR', kind: 'broadcaster', aliases: ['NPR'] },
  { name: 'Le Monde', kind: 'newspaper', aliases: ['Le Monde', 'لوموند'] },
  { name: 'Le Figaro', kind: 'newspaper', aliases: ['Le Figaro', 'لوفيغارو'] },
  { name: 'Libération', kind: 'newspaper', aliases: ['Libération', 'Libé'] },
  { name: 'The New York Times', kind: 'newspaper', aliases: ['The New York Times', 'New York Times', 'نيويورك تايمز'] },
  { name: 'The Washington Post', kind: 'newspaper', aliases: ['The Washington Post', 'Washington Post', 'واشنطن بوست'] },
  { name: 'The Guardian', kind: 'newspaper', aliases: ['The Guardian', 'الغارديان'] },
  { name: 'The Wall Street Journal', kind: 'newspaper', aliases: ['The Wall Street Journal', 'Wall Street Journal', 'وول ستريت جورنال'] },
  { name: 'Asharq Al-Awsat', kind: 'newspaper', aliases: ['Asharq Al-Awsat', 'الشرق الأوسط'], needsKeyword: true },
  { name: 'Al-Ahram', kind: 'newspaper', aliases: ['Al-Ahram', 'الأهرام'], needsKeyword: true },
];

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
