import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Workspace } from '../workspaces/workspace.entity';

/** A catalogue entry (e.g. "billing/invoices") that feedback, articles and enhancements point at. */
@ObjectType()
@Entity('features')
@Index(['workspaceId', 'key'], { unique: true })
export class Feature {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn()
  workspace?: Workspace;

  @Field({ description: 'Stable key, unique in the workspace.' })
  @Column({ type: 'text' })
  key: string;

  @Field()
  @Column({ type: 'text' })
  name: string;

  @Field(() => ID, { nullable: true })
  @Index()
  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => Feature, { onDelete: 'SET NULL' })
  @JoinColumn()
  parent?: Feature;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
