export * from './individual-number.js';
export * from './kana.js';
export * from './branch-numbers.js';
export * from './membership-settings.js';
export * from './member.events.js';
export * from './member.commands.js';
export * from './member.state.js';
export * from './member.decide.js';
export * from './queries.js';
export * from './coverage.js';
export {
  dependantRefusalReasons,
  incomeLimitFor,
  GROUP_A,
  GROUP_B,
  type DependantFacts,
} from './decide/dependant-criteria.js';
export { insuredMonths } from './decide/voluntary-continuation.js';
export * from './reference/dependant-income-limits.js';
export * from './reference/eligibility.js';
export * from './lifecycle/lifecycle-rules.js';
