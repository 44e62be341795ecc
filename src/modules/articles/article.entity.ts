import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import {
  Column,
  CreateDateColumn,
  DeleteDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Workspace } from '../workspaces/workspace.entity';
import { Feature } from '../catalog/feature.entity';

/** Lifecycle of an article; only PUBLISHED articles are searchable. */
export enum ArticleStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  ARCHIVED = 'ARCHIVED',
}
registerEnumType(ArticleStatus, { name: 'ArticleStatus' });

/**
 * A knowledge-base article. PostgreSQL is the source of truth; the Meilisearch index is derived from it through the
 * search outbox. Deleting is soft (`deletedAt`) so help events keep pointing at a real row.
 */
@ObjectType()
@Entity('articles')
@Index(['workspaceId', 'slug'], { unique: true })
@Index(['workspaceId', 'status', 'locale'])
export class Article {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn()
  workspace?: Workspace;

  @Field({ description: 'URL-safe name, unique in the workspace.' })
  @Column({ type: 'text' })
  slug: string;

  @Field()
  @Column({ type: 'text' })
  title: string;

  @Field({ description: 'One-line description shown in search results.' })
  @Column({ type: 'text', default: '' })
  summary: string;

  @Field({ description: 'Markdown (or MDX) source.' })
  @Column({ type: 'text' })
  body: string;

  @Field({ description: 'BCP 47 language tag, e.g. "en" or "pt-BR".' })
  @Column({ type: 'text', default: 'en' })
  locale: string;

  @Field(() => [String])
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @Field(() => ID, { nullable: true })
  @Index()
  @Column({ type: 'uuid', nullable: true })
  featureId: string | null;

  @ManyToOne(() => Feature, { onDelete: 'SET NULL' })
  @JoinColumn()
  feature?: Feature;

  @Field(() => ArticleStatus)
  @Column({ type: 'enum', enum: ArticleStatus, enumName: 'article_status', default: ArticleStatus.DRAFT })
  status: ArticleStatus;

  @Field(() => Int, { description: 'Incremented on every content change.' })
  @Column({ type: 'int', default: 1 })
  revision: number;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Field()
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @DeleteDateColumn({ type: 'timestamptz' })
  deletedAt: Date | null;
}
