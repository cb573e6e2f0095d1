/** LinkedIn's answers parsed leniently: anything that is not a JSON object reads as `{}`. */
export function parseJsonObject<T extends object>(text: string): Partial<T> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Partial<T>) : {};
  } catch {
    return {};
  }
}
