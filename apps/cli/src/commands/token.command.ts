import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { signingSecret } from '@csc/auth';
import { mintToken, parseLifetime } from '@csc/auth';
import { ROLES, type Role } from '@csc/auth';
import { loadConfiguration } from '@csc/runtime';
import { systemClock } from '@csc/runtime';
import { CliError } from '../cli-error';

/** `csc token`: a bearer token signed with the key the service checks tokens with (same settings, same data directory). */
export function registerTokenCommand(program: Command): void {
  program
    .command('token')
    .description("Mint a bearer token for a person or a system, signed with the service's key (AUTH_JWT_SECRET, or the one generated in CSC_DATA_DIR)")
    .requiredOption('--role <roles>', `one or more of ${ROLES.join(', ')}, comma-separated`)
    .requiredOption('--subject <name>', 'who the token is for (recorded with every event they send and every record they read)')
    .option('--teams <ids>', 'for a practitioner: the teams whose children they may see, comma-separated')
    .option('--expires-in <lifetime>', 'how long it lives: 30m, 8h, 7d (at most 30 days)', '8h')
    .option('--private-key <file>', 'sign with this RS256 private key (PEM), when the service checks tokens with a public key')
    .action((options: { role: string; subject: string; teams?: string; expiresIn: string; privateKey?: string }) => {
      const config = loadConfiguration(process.env);
      try {
        const signing = options.privateKey
          ? { algorithm: 'RS256' as const, key: readFileSync(options.privateKey, 'utf8') }
          : { algorithm: 'HS256' as const, key: signingSecret(config) };
        const { token, expiresAt } = mintToken(
          {
            subject: options.subject,
            roles: options.role.split(',').map((role) => role.trim()) as Role[],
            teams: options.teams
              ?.split(',')
              .map((team) => team.trim())
              .filter(Boolean),
            expiresInSeconds: parseLifetime(options.expiresIn),
            issuer: config.auth.issuer,
            audience: config.auth.audience,
          },
          signing,
          systemClock.now(),
        );
        process.stdout.write(`${token}\n`);
        process.stderr.write(`Token for ${options.subject} (${options.role}), valid until ${expiresAt}. Send it as: Authorization: Bearer <token>\n`);
      } catch (error) {
        throw new CliError((error as Error).message);
      }
    });
}
