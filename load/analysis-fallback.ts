/** A structurally valid PostAnalysis computed with simple counting, until the real analyser is available. */
export function fallbackAnalysis(text: string) {
  const words = text.split(/\s+/).filter(Boolean);
  const counts = new Map<string, number>();
  for (const word of words) {
    const term = word.toLowerCase().replace(/[^a-z0-9]/g, '');
    if (term.length > 4) counts.set(term, (counts.get(term) ?? 0) + 1);
  }
  const keywords = [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([term, n]) => ({ term, score: Math.min(1, n / words.length + 0.1) }));
  return {
    language: 'en',
    sentiment: { label: 'NEUTRAL', compound: 0, positive: 0.1, neutral: 0.8, negative: 0.1 },
    keywords,
    suggestedHashtags: keywords.slice(0, 3).map((k) => k.term),
    readability: 60,
    characterCount: text.length,
    wordCount: words.length,
    hook: text.slice(0, 210),
    warnings: text.length > 3000 ? ['Over the 3,000 character limit'] : [],
  };
}
