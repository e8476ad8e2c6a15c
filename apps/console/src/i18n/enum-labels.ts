import type { components } from '@kenpo/api-client';
import type { Role } from '../api/types';
import type { MessageKey } from './ja';

type S = components['schemas'];
type Labels<G extends string, V> = V extends string ? `enum.${G}.${V}` : never;

/**
 * Every value of the API's answers that the console shows by its label: a value added to openapi.json without a
 * Japanese text fails the console's type check here, naming the missing key (en.ts has every key ja.ts has).
 */
type Shown =
  | Labels<'memberStatus', S['MemberDto']['status']>
  | Labels<'claimStatus', S['ClaimDetailDto']['status']>
  | Labels<'payoutStatus', S['PayoutDto']['status']>
  | Labels<'holdReason', NonNullable<S['PayoutDto']['hold']>['reason']>
  | Labels<'runStatus', S['PayoutRunDto']['status'] | S['PendingPayoutRunDto']['status']>
  | Labels<'dependantStatus', S['DependantDto']['status']>
  | Labels<'documentReason', S['EligibilityDocumentDto']['reason']>
  | Labels<'lossReason', NonNullable<S['MemberDto']['loss']>['reason']>
  | Labels<'revisionKind', S['StandardRemunerationDto']['kind']>
  | Labels<'checkStatus', S['RebuildCheckDto']['status']>
  | Labels<'accessOutcome', S['AccessLogPageDto']['items'][number]['outcome']>
  | Labels<'relationship', S['DependantDto']['relationship']>
  | Labels<'purpose', S['RevealIndividualNumberDto']['purpose']>
  | Labels<'projection', S['ReadModelDto']['projection']>
  | Labels<'role', Role>;

export type MissingLabels = Exclude<Shown, MessageKey>;
export const EVERY_VALUE_LABELLED: [MissingLabels] extends [never] ? true : MissingLabels = true;
