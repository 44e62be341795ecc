import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Workspace } from '../workspaces/workspace.entity';
import { Feature } from '../catalog/feature.entity';
import { Milestone } from '../catalog/milestone.entity';

/** What a piece of feedback is about. */
export enum FeedbackKind {
  FEATURE = 'FEATURE',
  MILESTONE = 'MILESTONE',
  EASE_OF_USE = 'EASE_OF_USE',
}
registerEnumType(FeedbackKind, { name: 'FeedbackKind' });

/**
 * One piece of feedback. Idempotent on (workspace, source, externalId): pushing the same item twice returns the
 * first. Account and user ids are the integration's pseudonymous ids, never personal data.
 */
@ObjectType()
@Entity('feedback')
@Index(['workspaceId', 'source', 'externalId'], { unique: true })
@Index(['workspaceId', 'occurredAt'])
@Index(['workspaceId', 'kind', 'occurredAt'])
export class Feedback {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn()
  workspace?: Workspace;

  @Field(() => FeedbackKind)
  @Column({ type: 'enum', enum: FeedbackKind, enumName: 'feedback_kind' })
  kind: FeedbackKind;

  @Field()
  @Column({ type: 'text' })
  text: string;

  @Field(() => Int, { nullable: true, description: 'Satisfaction rating, 1 to 5.' })
  @Column({ type: 'smallint', nullable: true })
  rating: number | null;

  @Field(() => Int, { nullable: true, description: 'Customer Effort Score, 1 (very hard) to 7 (very easy).' })
  @Column({ type: 'smallint', nullable: true })
  effortScore: number | null;

  @Field({ description: 'Where it came from, e.g. "in_app", "survey", "github".' })
  @Column({ type: 'text' })
  source: string;

  @Field(() => String, { nullable: true, description: "The source's own id; the idempotency key with source." })
  @Column({ type: 'text', nullable: true })
  externalId: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  externalAccountId: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  externalUserId: string | null;

  @Field(() => [String])
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @Field(() => GraphQLJSONObject, { nullable: true })
  @Column({ type: 'jsonb', nullable: true })
  metadata: Record<string, unknown> | null;

  @Field()
  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  @Field(() => ID, { nullable: true })
  @Index()
  @Column({ type: 'uuid', nullable: true })
  featureId: string | null;

  @ManyToOne(() => Feature, { onDelete: 'SET NULL' })
  @JoinColumn()
  feature?: Feature;

  @Field(() => ID, { nullable: true })
  @Index()
  @Column({ type: 'uuid', nullable: true })
  milestoneId: string | null;

  @ManyToOne(() => Milestone, { onDelete: 'SET NULL' })
  @JoinColumn()
  milestone?: Milestone;

  @Field(() => Int, { description: 'Deterministic 0-100 quality score (see docs/metrics.md).' })
  @Column({ type: 'smallint', default: 0 })
  qualityScore: number;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  qualitySignals: Record<string, boolean>;

  @Field(() => ID, { nullable: true, description: 'The earlier item this one nearly duplicates, if any.' })
  @Column({ type: 'uuid', nullable: true })
  duplicateOfId: string | null;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
