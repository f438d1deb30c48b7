// Every container the code uses, with its partition key. infra/ must declare the same set.
export const CONTAINERS = {
  // Everything about one activity: the activity, its seat lists, invitation postings.
  activities: { id: 'activities', partitionKey: '/activityId' },
  // Organisations (pk "organizations") and people (pk = the person's document id).
  directory: { id: 'directory', partitionKey: '/pk' },
  // Conversation references for proactive messages, one per user or conversation.
  conversations: { id: 'conversations', partitionKey: '/id' },
  // Durable outgoing messages and other jobs. The key path keeps its old name; its value is a
  // bucket of the job's identity (scheduler/jobs.ts jobPartition), never a date.
  jobs: { id: 'jobs', partitionKey: '/day' },
  // Teams meetings (by chat thread) and the sessions they serve, for meeting events and check-in.
  meetings: { id: 'meetings', partitionKey: '/id' },
} as const;

export type ContainerName = keyof typeof CONTAINERS;
