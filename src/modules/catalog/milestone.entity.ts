import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Workspace } from '../workspaces/workspace.entity';

/** A step of the customer journey (e.g. "first project created"); `position` orders them. */
@ObjectType()
@Entity('milestones')
@Index(['workspaceId', 'key'], { unique: true })
export class Milestone {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn()
  workspace?: Workspace;

  @Field()
  @Column({ type: 'text' })
  key: string;

  @Field()
  @Column({ type: 'text' })
  name: string;

  @Field(() => Int)
  @Column({ type: 'int' })
  position: number;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
