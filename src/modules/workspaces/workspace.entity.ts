import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A tenant: one product or company. Every other row belongs to exactly one workspace. */
@ObjectType()
@Entity('workspaces')
export class Workspace {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'URL-safe unique name, e.g. "demo".' })
  @Column({ type: 'text', unique: true })
  slug: string;

  @Field()
  @Column({ type: 'text' })
  name: string;

  @Field(() => [String], { description: 'Browser origins allowed to call search and event recording (CORS).' })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  allowedOrigins: string[];

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
