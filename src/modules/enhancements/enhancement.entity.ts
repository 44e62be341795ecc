import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Workspace } from '../workspaces/workspace.entity';
import { Feature } from '../catalog/feature.entity';

/** Where an enhancement stands. */
export enum EnhancementStatus {
  OPEN = 'OPEN',
  UNDER_REVIEW = 'UNDER_REVIEW',
  PLANNED = 'PLANNED',
  IN_PROGRESS = 'IN_PROGRESS',
  SHIPPED = 'SHIPPED',
  DECLINED = 'DECLINED',
}
registerEnumType(EnhancementStatus, { name: 'EnhancementStatus' });

/** An improvement request that feedback is linked to; its status history drives lead and cycle time. */
@ObjectType()
@Entity('enhancements')
@Index(['workspaceId', 'status'])
export class Enhancement {
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
  title: string;

  @Field()
  @Column({ type: 'text', default: '' })
  description: string;

  @Field(() => EnhancementStatus)
  @Column({ type: 'enum', enum: EnhancementStatus, enumName: 'enhancement_status', default: EnhancementStatus.OPEN })
  status: EnhancementStatus;

  @Field(() => ID, { nullable: true })
  @Index()
  @Column({ type: 'uuid', nullable: true })
  featureId: string | null;

  @ManyToOne(() => Feature, { onDelete: 'SET NULL' })
  @JoinColumn()
  feature?: Feature;

  @Field(() => Date, { nullable: true, description: 'Time of the last transition into SHIPPED.' })
  @Column({ type: 'timestamptz', nullable: true })
  shippedAt: Date | null;

  @Field(() => ID, { nullable: true, description: 'Set when this enhancement was merged into another.' })
  @Column({ type: 'uuid', nullable: true })
  mergedIntoId: string | null;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Field()
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
