// GraphQL surface of attendance and hours. Implementation in progress.
import { Resolver } from 'type-graphql';
import { Signup } from './signup.entity.js';

@Resolver(() => Signup)
export class AttendanceResolver {}
