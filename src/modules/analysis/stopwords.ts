import * as lists from 'stopword';

/** ISO 639-1 → the `stopword` package's list. Undetermined text is treated as English, LinkedIn's majority. */
const LISTS_BY_LANGUAGE: Readonly<Record<string, readonly string[]>> = {
  af: lists.afr, ar: lists.ara, bg: lists.bul, ca: lists.cat, cs: lists.ces, da: lists.dan, de: lists.deu,
  el: lists.ell, en: lists.eng, es: lists.spa, et: lists.est, eu: lists.eus, fa: lists.fas, fi: lists.fin,
  fr: lists.fra, gl: lists.glg, he: lists.heb, hi: lists.hin, hr: lists.hrv, hu: lists.hun, hy: lists.hye,
  id: lists.ind, it: lists.ita, ja: lists.jpn, ko: lists.kor, la: lists.lat, lt: lists.lit, lv: lists.lav,
  ms: lists.msa, nb: lists.nob, nl: lists.nld, no: lists.nob, pl: lists.pol, pt: lists.por, ro: lists.ron,
  ru: lists.rus, sk: lists.slk, sl: lists.slv, sv: lists.swe, th: lists.tha, tl: lists.tgl, tr: lists.tur,
  uk: lists.ukr, ur: lists.urd, vi: lists.vie, zh: lists.zho,
};

/**
 * The package's English list (108 words) misses common function words that otherwise surface as
 * keywords in LinkedIn prose ("so nobody", "no new tooling", "just clearer sentences").
 */
const ENGLISH_SUPPLEMENT = [
  'so', 'just', 'no', 'not', 'nor', 'yes', 'every', 'one', 'ones', 'us', 'she', 'it', 'its', "it's", "i'm",
  "i've", "i'd", "i'll", "we're", "we've", "we'll", "you're", "you've", "they're", "that's", "there's",
  "don't", "didn't", "doesn't", "can't", "won't", "isn't", "aren't", "wasn't", "haven't", 'let', "let's",
  'yet', 'why', 'when', 'whom', 'whose', 'will', 'shall', 'may', 'does', 'doing', 'done', 'again',
  'against', 'down', 'off', 'once', 'few', 'own', 'ours', 'yours', 'myself', 'itself', 'ourselves',
  'themselves', 'everyone', 'someone', 'anyone', 'nobody', 'something', 'anything', 'everything',
  'nothing', 'really', 'even', 'ever', 'always', 'today', 'via', 'etc',
];

const cache = new Map<string, ReadonlySet<string>>();

/** Lower-case stop words of a language, apostrophes as ' (empty when the package has no list for it). */
export function stopwordsFor(language: string): ReadonlySet<string> {
  const key = language === 'und' ? 'en' : language;
  let set = cache.get(key);
  if (!set) {
    const list = [...(LISTS_BY_LANGUAGE[key] ?? []), ...(key === 'en' ? ENGLISH_SUPPLEMENT : [])];
    set = new Set(list.map((word) => word.toLowerCase().replace(/’/g, "'")));
    cache.set(key, set);
  }
  return set;
}
