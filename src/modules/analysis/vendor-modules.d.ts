// The two CommonJS packages below ship no types; these declare only what is called (vader-sentiment only by
// test/analysis, as the reference for src/modules/analysis/vader).

declare module 'vader-sentiment' {
  export interface PolarityScores {
    neg: number;
    neu: number;
    pos: number;
    compound: number;
  }
  export const SentimentIntensityAnalyzer: { polarity_scores(text: string): PolarityScores };
}

declare module 'stopword' {
  export const afr: string[],
    ara: string[],
    bul: string[],
    cat: string[],
    ces: string[],
    dan: string[],
    deu: string[],
    ell: string[],
    eng: string[],
    est: string[],
    eus: string[],
    fas: string[],
    fin: string[],
    fra: string[],
    glg: string[],
    heb: string[],
    hin: string[],
    hrv: string[],
    hun: string[],
    hye: string[],
    ind: string[],
    ita: string[],
    jpn: string[],
    kor: string[],
    lat: string[],
    lav: string[],
    lit: string[],
    msa: string[],
    nld: string[],
    nob: string[],
    pol: string[],
    por: string[],
    ron: string[],
    rus: string[],
    slk: string[],
    slv: string[],
    spa: string[],
    swe: string[],
    tgl: string[],
    tha: string[],
    tur: string[],
    ukr: string[],
    urd: string[],
    vie: string[],
    zho: string[];
}
