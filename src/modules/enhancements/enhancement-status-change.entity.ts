import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Enhancement, EnhancementStatus } from './enhancement.entity';

/** One entry of an enhancement's append-only status history. `fromStatus` is null for the creation entry. */
@ObjectType()
@Entity('enhancement_status_changes')
@Index(['enhancementId', 'at'])
export class EnhancementStatusChange {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @Column({ type: 'uuid' })
  enhancementId: string;

  @ManyToOne(() => Enhancement, { onDelete: 'CASCADE' })
  @JoinColumn()
  enhancement?: Enhancement;

  @Field(() => EnhancementStatus, { nullable: true })
  @Column({ type: 'enum', enum: EnhancementStatus, enumName: 'enhancement_status', nullable: true })
  fromStatus: EnhancementStatus | null;

  @Field(() => EnhancementStatus)
  @Column({ type: 'enum', enum: EnhancementStatus, enumName: 'enhancement_status' })
  toStatus: EnhancementStatus;

  @Field()
  @Column({ type: 'timestamptz' })
  at: Date;

  @Field({ description: 'Who made the change (API key name or a name given by the integration).' })
  @Column({ type: 'text' })
  actor: string;
}
