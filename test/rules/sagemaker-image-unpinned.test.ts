import { ruleTester } from '../ruleTester';

const py = 'train.py';
const ecr = '123456789012.dkr.ecr.us-east-1.amazonaws.com';

ruleTester('sagemaker-image-unpinned', {
  valid: [
    { name: 'versioned tag', filename: py, code: `from sagemaker.estimator import Estimator\nest = Estimator(image_uri="${ecr}/churn-train:1.4.2", role=role)\n` },
    { name: 'digest', filename: py, code: `from sagemaker.model import Model\nm = Model(image_uri="${ecr}/churn@sha256:9b2a4c", model_data=d, role=role)\n` },
    { name: 'tag from a variable in an f-string', filename: py, code: `from sagemaker.model import Model\nm = Model(image_uri=f"${ecr}/churn:{version}", model_data=d, role=role)\n` },
    { name: 'repository from a variable in an f-string', filename: py, code: 'from sagemaker.model import Model\nm = Model(image_uri=f"{registry}/{repository}", model_data=d, role=role)\n' },
    { name: 'image from image_uris.retrieve', filename: py, code: 'from sagemaker import image_uris\nfrom sagemaker.estimator import Estimator\nest = Estimator(image_uri=image_uris.retrieve("xgboost", region, "1.7-1"), role=role)\n' },
    { name: 'registry with a port and a tag', filename: py, code: 'from sagemaker.model import Model\nm = Model(image_uri="registry.local:5000/team/churn:2024-06-01", model_data=d, role=role)\n' },
    { name: 'not a SageMaker class', filename: py, code: 'from docker_tools import Model\nm = Model(image_uri="churn:latest")\n' },
  ],
  invalid: [
    {
      name: 'latest tag on a model',
      filename: py,
      code: `from sagemaker.model import Model\n\nmodel = Model(image_uri="${ecr}/churn:latest", model_data=artifact, role=role)\n`,
      errors: [{ line: 3, column: 15, severity: 'note', message: /uses the `latest` tag/ }],
      output: `from sagemaker.model import Model\n\nmodel = Model(image_uri="${ecr}/churn:<version>", model_data=artifact, role=role)\n`,
    },
    {
      name: 'no tag, image given positionally through a constant',
      filename: py,
      code: `import sagemaker\n\nTRAINING_IMAGE = "${ecr}/churn-train"\nest = sagemaker.estimator.Estimator(TRAINING_IMAGE, role, instance_count=1, instance_type="ml.m5.xlarge")\n`,
      errors: [{ line: 4, column: 7, message: /has no tag/ }],
      output: `import sagemaker\n\nTRAINING_IMAGE = "${ecr}/churn-train:<version>"\nest = sagemaker.estimator.Estimator(TRAINING_IMAGE, role, instance_count=1, instance_type="ml.m5.xlarge")\n`,
    },
    {
      name: 'f-string whose tag is latest',
      filename: py,
      code: 'from sagemaker.pytorch import PyTorchModel\nm = PyTorchModel(model_data=d, role=role, image_uri=f"{account}.dkr.ecr.{region}.amazonaws.com/ticket-router:latest")\n',
      errors: [{ line: 2, column: 43 }],
      output: 'from sagemaker.pytorch import PyTorchModel\nm = PyTorchModel(model_data=d, role=role, image_uri=f"{account}.dkr.ecr.{region}.amazonaws.com/ticket-router:<version>")\n',
    },
    {
      name: 'image_uris.retrieve with version latest',
      filename: py,
      code: 'from sagemaker import image_uris\n\ncontainer = image_uris.retrieve(framework="xgboost", region=region, version="latest")\n',
      errors: [{ line: 3, column: 69, message: /`image_uris\.retrieve` asks for the `latest` image version/ }],
      output: 'from sagemaker import image_uris\n\ncontainer = image_uris.retrieve(framework="xgboost", region=region, version="<version>")\n',
    },
  ],
});
