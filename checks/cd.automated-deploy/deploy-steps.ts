/**
 * What a CI step does for delivery: deploy (kubectl apply, helm upgrade, gcloud run deploy, a
 * deploy action or task, a script named deploy …) and whether it gives a way back (helm --atomic or
 * rollback, kubectl rollout undo, slot swaps, blue-green/canary strategies, platform rollbacks).
 */
import { commandLabel, type CiStep, type Command } from '../../src/facts/ci/index.js';

const ROLLBACK_WORDS = /^(--atomic|--rollback-on-failure|undo|rollback|abort|swap|bluegreen|canary|--auto-rollback-configuration|releases:rollback|deploy:rollback|update-traffic|update-alias|--strategy)$/;

export interface Hit {
  what: string;
  file: string;
  line: number;
}

/** Global flags that take a value as the next word (`kubectl -n prod rollout undo`, `helm -n prod rollback`). */
const VALUE_FLAGS = new Set(['-n', '--namespace', '--context', '--kube-context', '--kubeconfig', '--cluster', '--user', '-s', '--server', '--token', '-f', '--values', '--set', '--set-string', '--version', '-l', '--selector', '-o', '--output', '--timeout']);

/** The i-th positional word after the tool, skipping flags and the values they take. */
function sub(argv: string[], i: number): string {
  const words: string[] = [];
  for (let k = 1; k < argv.length; k++) {
    const a = argv[k];
    if (a.startsWith('-')) {
      if (VALUE_FLAGS.has(a)) k++;
      continue;
    }
    words.push(a);
  }
  return words[i] ?? '';
}
const has = (argv: string[], ...flags: string[]) => argv.some((a) => flags.some((f) => a === f || a.startsWith(`${f}=`)));

/** 'deploy', 'rollback' (a way back, possibly also deploying), or null. */
export function classifyCommand(c: Command): Array<'deploy' | 'rollback'> {
  const a = c.argv;
  const [tool] = a;
  const s0 = sub(a, 0);
  const s1 = sub(a, 1);
  const out: Array<'deploy' | 'rollback'> = [];
  const deploy = () => out.push('deploy');
  const rollback = () => out.push('rollback');
  switch (tool) {
    case 'kubectl':
    case 'oc':
      if (s0 === 'rollout' && s1 === 'undo') rollback();
      else if (s0 === 'argo' && s1 === 'rollouts') (['undo', 'abort'].includes(sub(a, 2)) ? rollback : deploy)();
      else if (['apply', 'create', 'replace'].includes(s0) || (s0 === 'set' && s1 === 'image') || (s0 === 'rollout' && s1 === 'restart')) deploy();
      break;
    case 'helm':
      if (s0 === 'rollback') rollback();
      else if (s0 === 'upgrade' || s0 === 'install') {
        deploy();
        if (has(a, '--atomic', '--rollback-on-failure')) rollback();
      }
      break;
    case 'helmfile':
    case 'skaffold':
    case 'flux':
    case 'pulumi':
    case 'kustomize':
      if (['apply', 'sync', 'run', 'deploy', 'up', 'reconcile'].includes(s0)) deploy();
      break;
    case 'argocd':
      if (s0 === 'app' && s1 === 'rollback') rollback();
      else if (s0 === 'app' && (s1 === 'sync' || s1 === 'set')) deploy();
      break;
    case 'gcloud':
      if (a.includes('deploy') || (a.includes('services') && a.includes('update'))) deploy();
      if (a.includes('update-traffic') || (a.includes('rollback') && a.includes('targets'))) rollback();
      break;
    case 'aws':
      if ((s0 === 'ecs' && (s1 === 'update-service' || s1 === 'deploy')) || (s0 === 'deploy' && s1 === 'create-deployment') || (s0 === 'lambda' && s1 === 'update-function-code') || (s0 === 'cloudformation' && s1 === 'deploy') || s0 === 'elasticbeanstalk') deploy();
      if (has(a, '--auto-rollback-configuration') || a.some((w) => /deploymentCircuitBreaker[^ ]*rollback=true/i.test(w)) || (s0 === 'lambda' && s1 === 'update-alias')) rollback();
      break;
    case 'az':
      if (a.includes('swap')) rollback();
      if (['webapp', 'containerapp', 'functionapp', 'spring'].includes(s0) && a.some((w) => ['deploy', 'up', 'update', 'create'].includes(w) || w === 'container')) deploy();
      break;
    case 'fly':
    case 'flyctl':
      if (s0 === 'deploy') {
        deploy();
        const i = a.indexOf('--strategy');
        const strategy = i >= 0 ? a[i + 1] : a.find((w) => w.startsWith('--strategy='))?.slice(11);
        if (strategy === 'bluegreen' || strategy === 'canary') rollback();
      }
      break;
    case 'heroku':
      if (s0 === 'rollback' || s0 === 'releases:rollback') rollback();
      else if (s0 === 'container:release' || s0 === 'deploy') deploy();
      break;
    case 'git':
      if (s0 === 'push' && /heroku|dokku|azure/.test(s1)) deploy();
      break;
    case 'vercel':
    case 'netlify':
    case 'wrangler':
      if (s0 === 'rollback') rollback();
      else if (s0 === 'deploy' || has(a, '--prod')) deploy();
      break;
    case 'eb':
    case 'sam':
    case 'cdk':
    case 'serverless':
    case 'sls':
    case 'copilot':
    case 'kamal':
    case 'mrsk':
      if (s0 === 'rollback') rollback();
      else if (s0 === 'deploy' || s1 === 'deploy') deploy();
      break;
    case 'terraform':
    case 'terragrunt':
    case 'tofu':
      if (s0 === 'apply' || s0 === 'run-all') deploy();
      break;
    case 'docker':
      if (s0 === 'stack' && s1 === 'deploy') deploy();
      break;
    case 'cap':
      if (a.some((w) => w === 'deploy:rollback')) rollback();
      else if (a.includes('deploy')) deploy();
      break;
    case 'ansible-playbook':
      if (a.some((w) => /deploy|release/i.test(w))) deploy();
      if (a.some((w) => /rollback/i.test(w))) rollback();
      break;
    default:
      // Scripts and task-runner targets named for what they do: ./deploy.sh, make rollback, npm run deploy:prod
      for (const w of [tool, ...(['make', 'just', 'task', 'npm', 'yarn', 'pnpm', 'invoke'].includes(tool) ? a.slice(1).filter((x) => !x.startsWith('-')) : [])]) {
        if (/(^|[^a-z])rollback([^a-z]|$)/i.test(w)) rollback();
        else if (/(^|[^a-z])(deploy|release-to|promote)([^a-z]|$)/i.test(w) && !/^(npm|yarn|pnpm)$/.test(w)) deploy();
      }
  }
  return out;
}

const DEPLOY_USES = /(^|[/-])deploy|^azure\/(webapps|functions|k8s|container-apps|aks)|^superfly\/flyctl-actions|^akhileshns\/heroku|^amondnet\/vercel|^nwtgck\/actions-netlify|^cloudflare\/wrangler-action|^kubernetes\/|^helm\/(upgrade|install)|^aws-ecs\/|^heroku\/|^gcp-cloud-run\/|^(KubernetesManifest|HelmDeploy|AzureWebApp|AzureRmWebAppDeployment|AzureFunctionApp|AzureContainerApps|Kubernetes|AzureWebAppContainer)@/i;
/** GitHub Pages and docs sites are deployments of documentation, not of the service. */
const DOCS_USES = /^actions\/deploy-pages|^peaceiris\/actions-gh-pages|^JamesIves\/github-pages-deploy-action/i;

export function classifyUses(step: CiStep): Array<'deploy' | 'rollback'> {
  const u = step.uses?.value ?? '';
  if (!u || DOCS_USES.test(u) || u.startsWith('./')) return [];
  const input = (k: string) => step.inputs.get(k)?.text.trim() ?? '';
  const out: Array<'deploy' | 'rollback'> = [];
  if (DEPLOY_USES.test(u)) out.push('deploy');
  if (/^azure\/k8s-deploy/i.test(u) && /canary|blue-green/i.test(input('strategy'))) out.push('rollback');
  if (/^azure\/k8s-deploy/i.test(u) && input('action') === 'reject') out.push('rollback');
  if (/^aws-actions\/amazon-ecs-deploy-task-definition/i.test(u) && input('codedeploy-appspec')) out.push('rollback');
  if (/^KubernetesManifest@/i.test(u) && (input('action') === 'reject' || input('strategy') === 'canary')) out.push('rollback');
  if (/^HelmDeploy@/i.test(u) && /--atomic|--rollback-on-failure/.test(input('arguments'))) out.push('rollback');
  if (/^HelmDeploy@/i.test(u) && input('command') === 'rollback') out.push('rollback');
  if (/^AzureAppServiceManage@/i.test(u) && /swap/i.test(input('Action'))) out.push('rollback');
  if (/^helm\//i.test(u) && /^true$/i.test(input('atomic'))) out.push('rollback');
  return out;
}

export function stepHits(step: CiStep): { deploy: Hit[]; rollback: Hit[] } {
  const deploy: Hit[] = [];
  const rollback: Hit[] = [];
  for (const c of step.commands) {
    for (const kind of classifyCommand(c)) {
      // A rollback is often a flag (helm --atomic): name it, but never quote other arguments.
      const what = kind === 'deploy' ? commandLabel(c.argv) : commandLabel(c.argv, 2, ROLLBACK_WORDS);
      (kind === 'deploy' ? deploy : rollback).push({ what, file: c.file, line: c.line });
    }
  }
  if (step.uses) for (const kind of classifyUses(step)) (kind === 'deploy' ? deploy : rollback).push({ what: step.uses.value, file: step.uses.file, line: step.uses.line });
  return { deploy, rollback };
}
