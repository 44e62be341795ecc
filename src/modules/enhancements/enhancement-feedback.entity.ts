import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Enhancement } from './enhancement.entity';
import { Feedback } from '../feedback/feedback.entity';

/** Links a piece of feedback to the enhancement it asks for. */
@Entity('enhancement_feedback')
@Index(['feedbackId'])
export class EnhancementFeedback {
  @PrimaryColumn({ type: 'uuid' })
  enhancementId: string;

  @PrimaryColumn({ type: 'uuid' })
  feedbackId: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @ManyToOne(() => Enhancement, { onDelete: 'CASCADE' })
  @JoinColumn()
  enhancement?: Enhancement;

  @ManyToOne(() => Feedback, { onDelete: 'CASCADE' })
  @JoinColumn()
  feedback?: Feedback;

  @CreateDateColumn({ type: 'timestamptz' })
  linkedAt: Date;
}
