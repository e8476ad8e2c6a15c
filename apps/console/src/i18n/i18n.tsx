import { createContext, type ReactNode, useContext, useMemo, useState } from 'react';
import { en } from './en';
import { ja } from './ja';

export type Language = 'ja' | 'en';
const DICTIONARIES: Record<Language, Record<string, string>> = { ja, en };
const STORAGE_KEY = 'kenpo.console.language';

/** `{name}` placeholders filled from vars; an unknown key shows itself, so a gap is visible rather than blank. */
export function translate(language: Language, key: string, vars: Record<string, string | number> = {}): string {
  const template = DICTIONARIES[language][key] ?? DICTIONARIES.ja[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

export type Translate = (key: string, vars?: Record<string, string | number>) => string;

interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  t: Translate;
  /** The label of an enumerated value, e.g. label('relationship', 'spouse'), or the value itself. */
  label(group: string, value: string | null | undefined): string;
  /** A violation of the API in the page's language: its rule said plainly, then the API's (English) message. */
  violation(v: { rule: string; message: string }): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLanguage(): Language {
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'ja';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  const value = useMemo<I18n>(() => {
    const t: Translate = (key, vars) => translate(language, key, vars);
    return {
      language,
      setLanguage(next) {
        localStorage.setItem(STORAGE_KEY, next);
        document.documentElement.lang = next;
        setLanguageState(next);
      },
      t,
      label: (group, v) => (v ? (DICTIONARIES[language][`enum.${group}.${v}`] ?? v) : '—'),
      violation: (v) => {
        const rule = language === 'ja' ? DICTIONARIES.ja[`rule.${v.rule}`] : undefined;
        return rule ? `${rule}（${v.message}）` : v.message;
      },
    };
  }, [language]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
