import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Workspace } from './workspace.entity';

/** What an API key may do. `admin` implies every other scope. */
export enum Scope {
  ADMIN = 'admin',
  WRITE = 'write',
  INGEST = 'ingest',
  READ = 'read',
  SEARCH = 'search',
}
registerEnumType(Scope, { name: 'Scope', description: 'Permission carried by an API key.' });

/**
 * An API key of a workspace. The secret is `hs_<prefix>_<random>`; only its SHA-256 hash is stored, and the prefix
 * (unique) finds the row.
 */
@ObjectType()
@Entity('api_keys')
export class ApiKey {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn()
  workspace?: Workspace;

  @Field()
  @Column({ type: 'text' })
  name: string;

  @Field({ description: 'Public part of the key, shown in lists so a key can be recognised.' })
  @Column({ type: 'text', unique: true })
  prefix: string;

  @Column({ type: 'text' })
  secretHash: string;

  @Field(() => [Scope])
  @Column({ type: 'text', array: true })
  scopes: Scope[];

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
