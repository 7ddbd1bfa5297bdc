/** One topic per aggregate, keyed by dossier code so a dossier's events stay ordered. */
export const Topics = {
  Dossier: 'motcua.dossier.v1',
  Document: 'motcua.document.v1',
  Signature: 'motcua.signature.v1',
  Citizen: 'motcua.citizen.v1',
} as const;
export type Topic = (typeof Topics)[keyof typeof Topics];

/** Where a message goes after its bounded retries are spent. */
export function deadLetterTopicOf(topic: string): string {
  return `${topic}.dlt`;
}
