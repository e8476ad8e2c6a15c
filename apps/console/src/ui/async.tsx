import { type DependencyList, type ReactNode, useCallback, useEffect, useState } from 'react';
import { ApiProblem } from '../api/problem';
import { useI18n } from '../i18n/i18n';
import { ProblemMessage } from './problem-message';

export interface Loaded<T> {
  data: T | null;
  problem: ApiProblem | null;
  loading: boolean;
  reload(): void;
}

/** Loads on mount and whenever deps change; reload() loads again (after a command). */
export function useLoad<T>(load: () => Promise<T>, deps: DependencyList): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; problem: ApiProblem | null; loading: boolean }>({
    data: null,
    problem: null,
    loading: true,
  });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, problem: null, loading: false }),
      (error: unknown) =>
        live &&
        setState({
          data: null,
          problem: error instanceof ApiProblem ? error : new ApiProblem(0, 'network', String(error)),
          loading: false,
        }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]); // load is rebuilt on every render; deps say when it means something new
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}

/** Loading text, a problem, or the content. */
export function Async<T>(props: { loaded: Loaded<T>; children: (data: T) => ReactNode }) {
  const { t } = useI18n();
  if (props.loaded.problem) return <ProblemMessage problem={props.loaded.problem} />;
  if (props.loaded.data === null)
    return (
      <p role="status" className="loading">
        {t('common.loading')}
      </p>
    );
  return <>{props.children(props.loaded.data)}</>;
}
