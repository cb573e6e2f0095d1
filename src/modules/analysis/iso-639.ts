/**
 * ISO 639-3 → ISO 639-1 for every language franc can return that has a two-letter code.
 * Macrolanguage members map to their macrolanguage's code (arb → ar, cmn → zh, pes/prs → fa).
 */
const ISO_639_3_TO_1: Readonly<Record<string, string>> = {
  afr: 'af', aka: 'ak', amh: 'am', arb: 'ar', ayr: 'ay', azj: 'az', bam: 'bm', bel: 'be', ben: 'bn',
  bod: 'bo', bos: 'bs', bul: 'bg', cat: 'ca', ces: 'cs', ckb: 'ku', cmn: 'zh', dan: 'da', deu: 'de',
  ekk: 'et', ell: 'el', eng: 'en', epo: 'eo', ewe: 'ee', fin: 'fi', fra: 'fr', fuf: 'ff', fuv: 'ff',
  glg: 'gl', guj: 'gu', hat: 'ht', hau: 'ha', heb: 'he', hin: 'hi', hrv: 'hr', hun: 'hu', hye: 'hy',
  ibo: 'ig', iii: 'ii', ind: 'id', ita: 'it', jav: 'jv', jpn: 'ja', kan: 'kn', kat: 'ka', kaz: 'kk',
  khk: 'mn', khm: 'km', kin: 'rw', kir: 'ky', kng: 'kg', kor: 'ko', lao: 'lo', lin: 'ln', lit: 'lt',
  lug: 'lg', lvs: 'lv', mal: 'ml', mar: 'mr', mkd: 'mk', mya: 'my', nld: 'nl', nno: 'nn', nob: 'nb',
  npi: 'ne', nya: 'ny', pan: 'pa', pbu: 'ps', pes: 'fa', plt: 'mg', pol: 'pl', por: 'pt', prs: 'fa',
  quy: 'qu', quz: 'qu', qug: 'qu', ron: 'ro', run: 'rn', rus: 'ru', sag: 'sg', sin: 'si', slk: 'sk',
  slv: 'sl', sna: 'sn', som: 'so', sot: 'st', spa: 'es', srp: 'sr', ssw: 'ss', sun: 'su', swe: 'sv',
  swh: 'sw', tam: 'ta', tat: 'tt', tel: 'te', tgk: 'tg', tgl: 'tl', tha: 'th', tir: 'ti', tsn: 'tn',
  tso: 'ts', tuk: 'tk', tur: 'tr', uig: 'ug', ukr: 'uk', urd: 'ur', uzn: 'uz', ven: 've', vie: 'vi',
  wol: 'wo', xho: 'xh', ydd: 'yi', yor: 'yo', zlm: 'ms', zul: 'zu', zyb: 'za',
};

/** Two-letter code, or null when the language has none (franc's "und" included). */
export function iso639_3To1(code: string): string | null {
  return ISO_639_3_TO_1[code] ?? null;
}
