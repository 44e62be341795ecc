import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Kinds of self-help activity. */
export enum HelpEventType {
  SEARCH = 'SEARCH',
  SEARCH_CLICK = 'SEARCH_CLICK',
  ARTICLE_VIEW = 'ARTICLE_VIEW',
  ARTICLE_VOTE = 'ARTICLE_VOTE',
  SUPPORT_CONTACT = 'SUPPORT_CONTACT',
}

/**
 * One append-only self-help event. A SEARCH's `id` is the `searchId` its clicks point back at. Columns that only
 * some types use are null for the others. There are deliberately no foreign keys: this is the high-volume table and
 * references are checked when events are recorded.
 */
@Entity('help_events')
@Index(['workspaceId', 'type', 'occurredAt'])
@Index(['workspaceId', 'sessionId', 'occurredAt'])
@Index(['articleId', 'occurredAt'])
@Index(['workspaceId', 'clientEventId'], { unique: true })
// (workspace_id, search_id) INCLUDE (type, position, helpful, article_id) WHERE search_id IS NOT NULL: clicks and votes
// by searchId for the help metrics; SQL-only, created by migration HelpEventFollowUpIndex
@Index('IDX_help_events_follow_ups', { synchronize: false })
export class HelpEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @Column({ type: 'enum', enum: HelpEventType, enumName: 'help_event_type' })
  type: HelpEventType;

  @Column({ type: 'text' })
  sessionId: string;

  @Column({ type: 'text', default: 'portal' })
  channel: string;

  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;

  /** The client's own id for the event, making retries idempotent. */
  @Column({ type: 'text', nullable: true })
  clientEventId: string | null;

  /** SEARCH_CLICK (and optionally views and votes): the search the article was opened from. */
  @Column({ type: 'uuid', nullable: true })
  searchId: string | null;

  @Column({ type: 'text', nullable: true })
  query: string | null;

  @Column({ type: 'text', nullable: true })
  normalizedQuery: string | null;

  @Column({ type: 'text', nullable: true })
  locale: string | null;

  @Column({ type: 'int', nullable: true })
  hitCount: number | null;

  @Column({ type: 'uuid', array: true, nullable: true })
  hitIds: string[] | null;

  @Column({ type: 'uuid', nullable: true })
  articleId: string | null;

  @Column({ type: 'int', nullable: true })
  position: number | null;

  @Column({ type: 'boolean', nullable: true })
  helpful: boolean | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;
}
