import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Article } from './article.entity';

/** A snapshot of an article's content, written every time the content changes (append-only). */
@ObjectType()
@Entity('article_revisions')
@Index(['articleId', 'revision'], { unique: true })
export class ArticleRevision {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @Column({ type: 'uuid' })
  articleId: string;

  @ManyToOne(() => Article, { onDelete: 'CASCADE' })
  @JoinColumn()
  article?: Article;

  @Field(() => Int)
  @Column({ type: 'int' })
  revision: number;

  @Field()
  @Column({ type: 'text' })
  title: string;

  @Field()
  @Column({ type: 'text' })
  summary: string;

  @Field()
  @Column({ type: 'text' })
  body: string;

  @Field(() => String, { nullable: true, description: 'Name of the API key that made the change.' })
  @Column({ type: 'text', nullable: true })
  actor: string | null;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
