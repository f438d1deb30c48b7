export type DomainErrorCode =
  | 'notFound'
  | 'forbidden'
  | 'invalidInput'
  | 'deadlinePassed'
  | 'notPublished'
  | 'sessionCancelled'
  | 'sessionStarted'
  | 'sessionNotInActivity'
  | 'notRegistered'
  | 'tenantNotAllowed'
  | 'conflict'
  // teams and networks
  | 'teamsOnly'
  | 'notForTeams';

/** A failure the user caused or can understand; handlers map the code to a localized text. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly detail?: Record<string, string | number>,
  ) {
    super(code);
    this.name = 'DomainError';
  }
}
