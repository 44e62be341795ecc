import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** What an outbox row asks the search index to do. */
export type OutboxAction = 'upsert' | 'delete';

/**
 * Transactional outbox for the search index: written in the same transaction as the article change, drained by the
 * outbox worker (`FOR UPDATE SKIP LOCKED`, so several server processes can share it). A row is deleted only after
 * Meilisearch accepted the change.
 */
@Entity('search_outbox')
@Index(['availableAt'])
export class SearchOutbox {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @Column({ type: 'uuid' })
  articleId: string;

  @Column({ type: 'text' })
  action: OutboxAction;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  availableAt: Date;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
